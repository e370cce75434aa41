// jest setup: registers cdktf's Testing matchers (toHaveResource, toHaveResourceWithProperties, ...).
import { Testing } from "cdktf";

Testing.setupJest();
