using System.Reflection;

namespace Trainyard.Targets;

/// <summary>
/// Trainyard's packages (the engine, the components, the runtime) are released together, and a build that mixes two
/// releases fails in ways that name neither. NuGet allows it — a PackageReference to a newer Trainyard.Runtime beside
/// an older Trainyard — so the build checks at start that the Trainyard assemblies it loads carry one version.
/// </summary>
internal static class PackageVersions
{
    /// <summary>The Trainyard assemblies a build uses, with their versions.</summary>
    public static IReadOnlyList<(string Assembly, string Version)> Of(Type buildType) =>
        [.. Assemblies(buildType).Select(a => (a.GetName().Name!, VersionOf(a)))];

    /// <summary>The Trainyard assemblies a build uses: the engine, its components' assemblies, and theirs (not the build's own).</summary>
    public static IReadOnlyList<Assembly> Assemblies(Type buildType)
    {
        var family = typeof(PackageVersions).Assembly.GetName().Name!.Split('.')[0];
        bool InFamily(AssemblyName name) => name.Name is { } n && (n == family || n.StartsWith(family + ".", StringComparison.Ordinal));

        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(buildType.GetInterfaces().Select(i => i.Assembly).Append(typeof(PackageVersions).Assembly)
            .Where(a => a != buildType.Assembly && InFamily(a.GetName())));
        while (pending.TryDequeue(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly)) continue;
            foreach (var reference in assembly.GetReferencedAssemblies().Where(InFamily))
                if (TryLoad(reference) is { } loaded) pending.Enqueue(loaded);
        }
        return [.. found.Values.OrderBy(a => a.GetName().Name, StringComparer.Ordinal)];
    }

    /// <summary>Throws when the versions differ, naming each assembly's version.</summary>
    public static void Check(IReadOnlyList<(string Assembly, string Version)> versions)
    {
        if (versions.Select(v => v.Version).Distinct().Count() <= 1) return;
        throw new TrainyardException("Trainyard's packages disagree in version: " +
            string.Join(", ", versions.Select(v => $"{v.Assembly} {v.Version}")) +
            ". Reference one version of Trainyard in build/_build.csproj (the Trainyard package brings the engine and the runtime at its own " +
            "version), and remove any PackageReference that pins one of them to another.");
    }

    /// <summary>The package version the assembly was built as, without the source revision after '+'.</summary>
    public static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3) ?? "unknown";
        return informational.Split('+')[0];
    }

    private static Assembly? TryLoad(AssemblyName name)
    {
        try { return Assembly.Load(name); }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { return null; }
    }
}
