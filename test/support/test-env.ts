// The environment every test and every process a test starts runs in.
// No phoning home from Terraform or cdktf, and no tsx transpile cache in the temporary folder:
// a test run leaves that folder as it found it.
process.env.CHECKPOINT_DISABLE = "1";
process.env.TSX_DISABLE_CACHE = "1";
