"""Gap glue-data-quality-rulesets: on AWS, CreateDataQualityRuleset, GetDataQualityRuleset,
UpdateDataQualityRuleset and DeleteDataQualityRuleset keep a ruleset by its name, with its DQDL text
(1 to 65536 characters), description, target table and tags; a second create of one name is
AlreadyExistsException and an unknown name EntityNotFoundException (AWS Glue API reference, "Data
Quality API": https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-data-quality-api.html). Its tags
are those of arn:<partition>:glue:<region>:<account>:dataQualityRuleset/<name>. moto 5.2.5 has none of
these actions, so Terraform cannot create an aws_glue_data_quality_ruleset. Here they do what AWS does;
the DQDL text is kept, not evaluated (the jobs' runs evaluate it, with Deequ).
"""

from __future__ import annotations

from typing import Any

MAX_RULESET = 65536
MAX_NAME = 255


def apply(**_: Any) -> None:
    from moto.core.responses import ActionResult, EmptyResult
    from moto.core.utils import utcnow
    from moto.glue.exceptions import AlreadyExistsException, EntityNotFoundException, InvalidInputException
    from moto.glue.responses import GlueResponse

    def rulesets(self: GlueResponse) -> dict[str, dict[str, Any]]:
        backend = self.glue_backend
        if not hasattr(backend, "data_quality_rulesets"):
            backend.data_quality_rulesets = {}
        return backend.data_quality_rulesets

    def arn_of(self: GlueResponse, name: str) -> str:
        backend = self.glue_backend
        partition = "aws-cn" if backend.region_name.startswith("cn-") else "aws-us-gov" if backend.region_name.startswith("us-gov-") else "aws"
        return f"arn:{partition}:glue:{backend.region_name}:{backend.account_id}:dataQualityRuleset/{name}"

    def named(self: GlueResponse, action: str) -> str:
        name = self._get_param("Name")
        if not isinstance(name, str) or not 1 <= len(name) <= MAX_NAME:
            raise InvalidInputException(action, f"Name must be 1 to {MAX_NAME} characters")
        return name

    def checked_ruleset(action: str, text: Any) -> str:
        if not isinstance(text, str) or not 1 <= len(text) <= MAX_RULESET or not text.lstrip().startswith("Rules"):
            raise InvalidInputException(action, f"Ruleset must be a DQDL ruleset (Rules = [ ... ]) of 1 to {MAX_RULESET} characters")
        return text

    def create(self: GlueResponse) -> Any:
        name = named(self, "CreateDataQualityRuleset")
        if name in rulesets(self):
            raise AlreadyExistsException("Ruleset")
        now = utcnow()
        rulesets(self)[name] = {
            "Name": name,
            "Description": self._get_param("Description") or "",
            "Ruleset": checked_ruleset("CreateDataQualityRuleset", self._get_param("Ruleset")),
            **({"TargetTable": self._get_param("TargetTable")} if self._get_param("TargetTable") else {}),
            "CreatedOn": now,
            "LastModifiedOn": now,
        }
        tags = self._get_param("Tags") or {}
        if tags:
            self.glue_backend.tag_resource(arn_of(self, name), tags)
        return ActionResult({"Name": name})

    def found(self: GlueResponse, action: str) -> dict[str, Any]:
        name = named(self, action)
        ruleset = rulesets(self).get(name)
        if ruleset is None:
            raise EntityNotFoundException(f"Cannot find Data Quality Ruleset in account {self.glue_backend.account_id} with name {name}")
        return ruleset

    def get(self: GlueResponse) -> Any:
        return ActionResult(dict(found(self, "GetDataQualityRuleset")))

    def update(self: GlueResponse) -> Any:
        ruleset = found(self, "UpdateDataQualityRuleset")
        if self._get_param("Ruleset") is not None:
            ruleset["Ruleset"] = checked_ruleset("UpdateDataQualityRuleset", self._get_param("Ruleset"))
        if self._get_param("Description") is not None:
            ruleset["Description"] = self._get_param("Description")
        ruleset["LastModifiedOn"] = utcnow()
        return ActionResult({k: ruleset[k] for k in ("Name", "Description", "Ruleset")})

    def delete(self: GlueResponse) -> Any:
        ruleset = found(self, "DeleteDataQualityRuleset")
        del rulesets(self)[ruleset["Name"]]
        self.glue_backend.tagger.delete_all_tags_for_resource(arn_of(self, ruleset["Name"]))
        return EmptyResult()

    GlueResponse.create_data_quality_ruleset = create
    GlueResponse.get_data_quality_ruleset = get
    GlueResponse.update_data_quality_ruleset = update
    GlueResponse.delete_data_quality_ruleset = delete
