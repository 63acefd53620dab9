// Trainyard.Runtime's one expected error (a damaged model or package) cannot derive from the engine's
// TrainyardException: the runtime ships to production without the engine. Declared here so the build prints its
// message alone, as it does for any TrainyardException.
[assembly: Trainyard.ExpectedFailure(typeof(Trainyard.Runtime.ModelFormatException))]
