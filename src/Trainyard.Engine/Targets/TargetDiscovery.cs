using System.Reflection;

namespace Trainyard.Targets;

/// <summary>
/// Finds the Target properties of a build: default implementations in its interfaces (through the interface map,
/// so the class's own implementation wins) and the class's own properties; then resolves the relations.
/// </summary>
internal static class TargetDiscovery
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<BuildTarget> Discover(object build)
    {
        var type = build.GetType();
        var found = new List<(string Name, Target Factory)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var implemented = new HashSet<MethodInfo>();

        // Base components first, so declaration order reads like the pipeline.
        foreach (var contract in type.GetInterfaces().OrderBy(i => i.GetInterfaces().Length).ThenBy(i => i.FullName, StringComparer.Ordinal))
        {
            var map = type.GetInterfaceMap(contract);
            foreach (var property in contract.GetProperties(Members).Where(IsTarget).OrderBy(p => p.MetadataToken))
            {
                var implementation = map.TargetMethods[Array.IndexOf(map.InterfaceMethods, property.GetMethod)];
                implemented.Add(implementation);
                if (names.Add(property.Name)) found.Add((property.Name, (Target)implementation.Invoke(build, null)!));
            }
        }
        for (var t = type; t is not null && t != typeof(TrainyardBuild); t = t.BaseType)
            foreach (var property in t.GetProperties(Members).Where(IsTarget).OrderBy(p => p.MetadataToken))
                if (!implemented.Contains(property.GetMethod!) && names.Add(property.Name))
                    found.Add((property.Name, (Target)property.GetValue(build)!));

        var definitions = found.Select(f => (f.Name, Definition: (TargetDefinition)f.Factory(new TargetDefinition()))).ToList();

        string NameOf(Target target, string referrer) =>
            found.FirstOrDefault(f => f.Factory.Equals(target)).Name
            // Equal delegates need the same target object; a lambda capturing locals gets a new closure each time.
            ?? found.FirstOrDefault(f => f.Factory.Method == target.Method).Name
            ?? throw new InvalidOperationException($"Target {referrer} refers to a target that is not a property of {type.Name}.");

        List<string> Names(string referrer, IEnumerable<Target> targets) => targets.Select(t => NameOf(t, referrer)).ToList();

        var inverse = definitions.SelectMany(d =>
                Names(d.Name, d.Definition.DependentForTargets).Select(n => (Of: n, Kind: Relation.Dependency, From: d.Name))
                .Concat(Names(d.Name, d.Definition.BeforeTargets).Select(n => (Of: n, Kind: Relation.After, From: d.Name)))
                .Concat(Names(d.Name, d.Definition.TriggersTargets).Select(n => (Of: n, Kind: Relation.TriggeredBy, From: d.Name))))
            .ToList();
        IEnumerable<string> Inverse(string of, Relation kind) => inverse.Where(x => x.Of == of && x.Kind == kind).Select(x => x.From);

        return definitions.Select(d => new BuildTarget(
            d.Name,
            d.Definition,
            Names(d.Name, d.Definition.DependsOnTargets).Concat(Inverse(d.Name, Relation.Dependency)).Distinct().ToList(),
            Names(d.Name, d.Definition.AfterTargets).Concat(Inverse(d.Name, Relation.After)).Distinct().ToList(),
            Names(d.Name, d.Definition.TriggeredByTargets).Concat(Inverse(d.Name, Relation.TriggeredBy)).Distinct().ToList())).ToList();
    }

    private enum Relation { Dependency, After, TriggeredBy }

    private static bool IsTarget(PropertyInfo property) => property.PropertyType == typeof(Target) && property.GetMethod is not null;
}
