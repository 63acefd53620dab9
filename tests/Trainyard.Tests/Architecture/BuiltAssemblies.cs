namespace Trainyard.Tests.Architecture;

/// <summary>The types of Trainyard's built assemblies and of this test assembly, read once for all the tests.</summary>
public sealed class BuiltAssemblies
{
    internal static readonly string[] Names = ["Trainyard", "Trainyard.Engine", .. ArchitectureRules.ProductionAssemblies];

    public BuiltAssemblies()
    {
        var missing = Names.Where(name => !File.Exists(PathOf(name))).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"{string.Join(", ", missing)} not beside the tests: add a ProjectReference to tests/Trainyard.Tests.");
        Types = [.. Names.SelectMany(name => TypeUses.Read(PathOf(name)))];
        TestTypes = TypeUses.Read(typeof(BuiltAssemblies).Assembly.Location);
    }

    internal IReadOnlyList<TypeUses> Types { get; }
    internal IReadOnlyList<TypeUses> TestTypes { get; }

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll");
}
