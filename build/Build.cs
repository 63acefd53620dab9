// Placeholder until the target engine lands: the build project must compile from the first commit.
return 0;
