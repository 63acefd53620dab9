// Composition only: the model server's features live in one Map*Api file each (issue 6).
var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.Run();

/// <summary>The entry point, visible to tests that host the server in-process.</summary>
public partial class Program;
