namespace Trainyard.Tests.Architecture;

/// <summary>A set of types: by assembly, by namespace (a namespace includes the namespaces under it), or native code.</summary>
internal sealed record Scope(string Description, Func<string, string, bool> Contains, bool IsNative = false)
{
    public static Scope Assembly(string name) =>
        new($"assembly {name}", (assembly, _) => assembly == name);

    public static Scope Namespace(string name) =>
        new($"namespace {name}", (_, ns) => InNamespace(ns, name));

    /// <summary>Types of one assembly in one namespace (or under it).</summary>
    public static Scope Namespace(string assemblyName, string name) =>
        new($"namespace {name} of {assemblyName}", (assembly, ns) => assembly == assemblyName && InNamespace(ns, name));

    /// <summary>Types of one assembly in exactly this namespace, not the ones under it.</summary>
    public static Scope OnlyNamespace(string assemblyName, string name) =>
        new($"namespace {name} (only) of {assemblyName}", (assembly, ns) => assembly == assemblyName && ns == name);

    /// <summary>A call into a native library (DllImport or LibraryImport).</summary>
    public static Scope NativeCode { get; } = new("native code", (_, _) => false, IsNative: true);

    public static Scope AnyOf(params Scope[] scopes) =>
        new(string.Join(", ", scopes.Select(s => s.Description)), (assembly, ns) => scopes.Any(s => s.Contains(assembly, ns)),
            scopes.Any(s => s.IsNative));

    public Scope Except(params Scope[] allowed) =>
        new($"{Description} except {string.Join(", ", allowed.Select(s => s.Description))}",
            (assembly, ns) => Contains(assembly, ns) && !allowed.Any(s => s.Contains(assembly, ns)), IsNative);

    public bool Holds(TypeUses type) => Contains(type.Assembly, type.Namespace);

    public bool Holds(UsedType used) => used.IsNative ? IsNative : Contains(used.Assembly, used.Namespace);

    private static bool InNamespace(string ns, string name) => ns == name || ns.StartsWith(name + ".", StringComparison.Ordinal);
}

/// <summary>"Types in <see cref="Subject"/> never use types in <see cref="Forbidden"/>."</summary>
internal sealed record ArchitectureRule(string Name, Scope Subject, Scope Forbidden)
{
    /// <summary>The same rule over other types: how the tests show a rule can fail.</summary>
    public ArchitectureRule AppliedTo(Scope subject) => this with { Subject = subject };

    /// <summary>One line per offending type: "Rule: Type uses A, B".</summary>
    public IReadOnlyList<string> Violations(IEnumerable<TypeUses> types) =>
        types.Where(Subject.Holds)
            .Select(type => (type.Name, Forbidden: type.Uses.Where(Forbidden.Holds).Select(u => u.Name).Order(StringComparer.Ordinal).ToList()))
            .Where(offence => offence.Forbidden.Count > 0)
            .OrderBy(offence => offence.Name, StringComparer.Ordinal)
            .Select(offence => $"{Name}: {offence.Name} uses {string.Join(", ", offence.Forbidden)}")
            .ToList();
}
