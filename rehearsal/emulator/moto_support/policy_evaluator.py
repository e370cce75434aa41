"""IAM policy evaluation, as AWS documents it, for the emulator's enforcement of project credentials.

moto's own evaluator (moto.iam.access_control.IAMPolicyStatement) is replaced because:
- it matches a statement's Resource against the literal "*" for every service but S3, IAM roles and
  STS AssumeRole, so a statement scoped to an ARN never allows anything there;
- its conditions know only StringEquals, fed with sts:ExternalId alone; every other operator and key
  counts as met, so a Deny with a condition denies always and an Allow with one allows always;
- an Allow statement whose condition fails counts as an explicit Deny;
- a statement without Resource (trust policies) is an Allow even when its Effect is Deny;
- it matches principals only by exact ARN: neither an account nor its root ARN, nor a role ARN
  for the role's sessions.

Here: Action/NotAction (case-insensitive wildcards), Resource/NotResource (wildcards), Principal and
NotPrincipal (*, account id, account root, role ARN for its sessions, exact ARN), and the condition
operators the project's policies use (String*, Arn*, Bool, Null, Numeric*, with IfExists and
ForAnyValue/ForAllValues). When a request's resource is not known (None), only the action is judged:
an Allow statement matches, a Deny statement matches only if its Resource is "*".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from moto_support.principals import Principal

ALLOW, DENY = "Allow", "Deny"

#: Operators met that this evaluator does not know; such a condition counts as not met for an
#: Allow and as met for a Deny, so an unknown operator never grants anything.
UNSUPPORTED_OPERATORS_SEEN: set[str] = set()


@dataclass
class Request:
    action: str
    #: ARN of the resource, or None when not known for this request
    resource: Optional[str]
    principal: Optional[Principal]
    #: condition keys, lower-cased, to their values
    context: dict[str, list[str]] = field(default_factory=dict)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _glob(pattern: str, value: str, ignore_case: bool = False) -> bool:
    regex = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.fullmatch(regex, value, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL) is not None


def action_matches(patterns: Any, action: str) -> bool:
    return any(_glob(p, action, ignore_case=True) for p in _as_list(patterns))


def resource_matches(patterns: Any, resource: str) -> bool:
    return any(_glob(p, resource) for p in _as_list(patterns))


def principal_matches(element: Any, principal: Optional[Principal]) -> bool:
    if element == "*":
        return True
    if not isinstance(element, dict) or principal is None:
        return False
    for value in _as_list(element.get("AWS")):
        if value == "*":
            return True
        account = value if re.fullmatch(r"\d{12}", value) else None
        root = re.fullmatch(r"arn:[\w-]+:iam::(\d{12}):root", value)
        if root:
            account = root.group(1)
        if account is not None and account == principal.account_id:
            return True
        if value in (principal.arn, principal.role_arn):
            return True
    # Service and Federated principals: no such caller reaches the emulator.
    return False


def _number(text: str) -> Optional[float]:
    try:
        return float(text)
    except ValueError:
        return None


_BASE_OPERATORS = {
    "StringEquals": lambda e, a: e == a,
    "StringEqualsIgnoreCase": lambda e, a: e.lower() == a.lower(),
    "StringLike": lambda e, a: _glob(e, a),
    "ArnEquals": lambda e, a: _glob(e, a),
    "ArnLike": lambda e, a: _glob(e, a),
    "Bool": lambda e, a: e.lower() == a.lower(),
    "NumericEquals": lambda e, a: _number(a) is not None and _number(a) == _number(e),
    "NumericLessThan": lambda e, a: _number(a) is not None and _number(e) is not None and _number(a) < _number(e),
    "NumericLessThanEquals": lambda e, a: _number(a) is not None and _number(e) is not None and _number(a) <= _number(e),
    "NumericGreaterThan": lambda e, a: _number(a) is not None and _number(e) is not None and _number(a) > _number(e),
    "NumericGreaterThanEquals": lambda e, a: _number(a) is not None and _number(e) is not None and _number(a) >= _number(e),
}
_NEGATED = {
    "StringNotEquals": "StringEquals",
    "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
    "StringNotLike": "StringLike",
    "ArnNotEquals": "ArnEquals",
    "ArnNotLike": "ArnLike",
    "NumericNotEquals": "NumericEquals",
}


class UnsupportedOperator(Exception):
    pass


def condition_met(operator: str, key: str, expected: Any, context: dict[str, list[str]]) -> bool:
    """One operator and key of a Condition block."""
    set_operator = None
    if ":" in operator:
        set_operator, operator = operator.split(":", 1)
    if_exists = operator.endswith("IfExists")
    if if_exists:
        operator = operator[: -len("IfExists")]
    actual = context.get(key.lower())
    expected_values = [_as_text(v) for v in _as_list(expected)]

    if operator == "Null":
        wants_absent = expected_values[0].lower() == "true" if expected_values else True
        return (actual is None) == wants_absent

    negated = operator in _NEGATED
    base = _NEGATED.get(operator, operator)
    compare = _BASE_OPERATORS.get(base)
    if compare is None:
        UNSUPPORTED_OPERATORS_SEEN.add(operator)
        raise UnsupportedOperator(operator)

    if actual is None:
        # A missing key matches nothing: negated operators and ForAllValues are then met, as in AWS.
        return if_exists or negated or set_operator == "ForAllValues"

    def matches(value: str) -> bool:
        return any(compare(e, value) for e in expected_values)

    if set_operator == "ForAllValues":
        result = all(matches(v) for v in actual)
        return (not result) if negated else result
    # ForAnyValue, and single-valued keys
    result = any(matches(v) for v in actual)
    return (not result) if negated else result


def conditions_met(conditions: Optional[dict[str, Any]], context: dict[str, list[str]], effect: str) -> bool:
    if not conditions:
        return True
    for operator, by_key in conditions.items():
        for key, expected in by_key.items():
            try:
                if not condition_met(operator, key, expected, context):
                    return False
            except UnsupportedOperator:
                if effect == ALLOW:
                    return False
    return True


def statement_applies(statement: dict[str, Any], request: Request, resource_policy: bool = False) -> bool:
    effect = statement.get("Effect")
    if "NotAction" in statement:
        if action_matches(statement["NotAction"], request.action):
            return False
    elif not action_matches(statement.get("Action"), request.action):
        return False

    if request.resource is None:
        if effect == DENY and "*" not in _as_list(statement.get("Resource")):
            return False
    elif "NotResource" in statement:
        if resource_matches(statement["NotResource"], request.resource):
            return False
    elif "Resource" in statement and not resource_matches(statement["Resource"], request.resource):
        return False

    if resource_policy:
        if "NotPrincipal" in statement:
            if principal_matches(statement["NotPrincipal"], request.principal):
                return False
        elif not principal_matches(statement.get("Principal"), request.principal):
            return False

    return conditions_met(statement.get("Condition"), request.context, effect)


def evaluate(document: dict[str, Any], request: Request, resource_policy: bool = False) -> Optional[str]:
    """Deny if a statement denies, else Allow if one allows, else None."""
    verdict: Optional[str] = None
    for statement in _as_list(document.get("Statement")):
        if statement_applies(statement, request, resource_policy):
            if statement.get("Effect") == DENY:
                return DENY
            verdict = ALLOW
    return verdict


def names_principal_directly(document: dict[str, Any], request: Request) -> bool:
    """Whether an Allow of a resource policy grants the caller itself: its role or session ARN, or "*".

    An Allow that names the caller's account (its id or root ARN) delegates to the account instead: the
    caller's identity policies must then allow the request too, in its own account as in another.
    """
    principal = request.principal
    if principal is None:
        return False
    for statement in _as_list(document.get("Statement")):
        if statement.get("Effect") != ALLOW or not statement_applies(statement, request, resource_policy=True):
            continue
        element = statement.get("Principal")
        if element == "*":
            return True
        if isinstance(element, dict) and any(v in ("*", principal.arn, principal.role_arn) for v in _as_list(element.get("AWS"))):
            return True
    return False


@dataclass
class Decision:
    allowed: bool
    reason: str


def decide(
    request: Request,
    identity_policies: Iterable[dict[str, Any]],
    boundary: Optional[dict[str, Any]] = None,
    resource_policy: Optional[dict[str, Any]] = None,
    resource_account: Optional[str] = None,
    resource_policy_required: bool = False,
    resource_policy_name: str = "trust policy",
) -> Decision:
    """AWS's evaluation logic for one principal: explicit Deny anywhere wins; the identity policies
    (within the permissions boundary, if any) or, in the same account, a resource policy that names the
    caller itself must allow; across accounts both must. For a role's trust policy and a KMS key policy
    (resource_policy_required, named resource_policy_name in the reasons) that policy must allow in any
    case, and the identity policies too unless it names the caller itself in its own account."""
    identity = [evaluate(p, request) for p in identity_policies]
    if DENY in identity:
        return Decision(False, "explicit Deny in an identity policy")
    identity_allows = ALLOW in identity
    if identity_allows and boundary is not None:
        bounded = evaluate(boundary, request)
        if bounded == DENY:
            return Decision(False, "explicit Deny in the permissions boundary")
        if bounded != ALLOW:
            identity_allows = False
            boundary_note = " (the permissions boundary does not allow it)"
        else:
            boundary_note = ""
    else:
        boundary_note = ""
    resource_verdict = evaluate(resource_policy, request, resource_policy=True) if resource_policy else None
    if resource_verdict == DENY:
        return Decision(False, f"explicit Deny in the {resource_policy_name if resource_policy_required else 'resource policy'}")
    principal = request.principal
    same_account = resource_account is None or (principal is not None and principal.account_id == resource_account)
    if resource_policy_required:
        if resource_verdict != ALLOW:
            return Decision(False, f"the {resource_policy_name} does not allow it")
        if identity_allows or (same_account and names_principal_directly(resource_policy or {}, request)):
            return Decision(True, "allowed")
        return Decision(False, "no identity policy allows it" + boundary_note)
    if same_account:
        if identity_allows or (resource_verdict == ALLOW and names_principal_directly(resource_policy or {}, request)):
            return Decision(True, "allowed")
        return Decision(False, "no identity policy allows it" + boundary_note)
    if identity_allows and resource_verdict == ALLOW:
        return Decision(True, "allowed")
    if not identity_allows:
        return Decision(False, "no identity policy allows it" + boundary_note)
    return Decision(False, "the resource policy of the other account does not allow it")

