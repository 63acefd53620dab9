// The gateway's own executable (dotnet run, the tests); the gateway image's generated host calls the same entry point.
return await Trainyard.Gateway.GatewayServer.RunAsync(args);
