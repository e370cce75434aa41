// Registers cdktf's Testing matchers (toHaveResource, toHaveResourceWithProperties, ...). Imported only
// by the suites that use them: loading cdktf in every suite would slow the rest for nothing.
import { Testing } from "../../stacks/cdktf";

Testing.setupJest();
