// The server's own executable (dotnet run, the tests); Containerize's generated host calls the same entry point.
return await Trainyard.Serving.ModelServer.RunAsync(args);
