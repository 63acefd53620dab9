namespace Trainyard.Tests.Architecture;

/// <summary>
/// "The <see cref="Folders"/> of <see cref="Assembly"/> (a folder is a namespace and those under it) never import each
/// other in a circle": no folder uses, through any number of others, a folder that uses it.
/// </summary>
internal sealed record AcyclicRule(string Name, string Assembly, IReadOnlyList<string> Folders)
{
    /// <summary>The same rule over other folders: how the tests show it can fail.</summary>
    public AcyclicRule AppliedTo(string assembly, IReadOnlyList<string> folders) => this with { Assembly = assembly, Folders = folders };

    /// <summary>
    /// One line per set of folders that import each other (a strongly connected component of the folder graph), with
    /// one type use for each import inside it: "Rule: A → B (A.X uses B.Y); B → A (B.Z uses A.W)".
    /// </summary>
    public IReadOnlyList<string> Violations(IEnumerable<TypeUses> types)
    {
        var imports = Imports(types);
        return [.. Components(imports).Where(component => component.Count > 1).Select(component =>
            $"{Name}: " + string.Join("; ", component.SelectMany(from => imports[from]
                .Where(to => component.Contains(to.Key))
                .Select(to => $"{from} → {to.Key} ({to.Value})"))))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Which folder imports which, each import with its first type use in ordinal order.</summary>
    private SortedDictionary<string, SortedDictionary<string, string>> Imports(IEnumerable<TypeUses> types)
    {
        var imports = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var folder in Folders) imports[folder] = new(StringComparer.Ordinal);
        foreach (var type in types.Where(t => t.Assembly == Assembly))
        {
            if (FolderOf(type.Namespace) is not { } from) continue;
            foreach (var used in type.Uses.Where(u => u.Assembly == Assembly && !u.IsNative))
            {
                if (FolderOf(used.Namespace) is not { } to || to == from) continue;
                var use = $"{type.Name} uses {used.Name}";
                if (!imports[from].TryGetValue(to, out var first) || string.CompareOrdinal(use, first) < 0) imports[from][to] = use;
            }
        }
        return imports;
    }

    /// <summary>The longest folder name that is the namespace or contains it.</summary>
    private string? FolderOf(string ns) =>
        Folders.Where(f => ns == f || ns.StartsWith(f + ".", StringComparison.Ordinal)).MaxBy(f => f.Length);

    /// <summary>Tarjan's strongly connected components, each sorted.</summary>
    private static List<SortedSet<string>> Components(SortedDictionary<string, SortedDictionary<string, string>> imports)
    {
        var (index, low, onStack, stack, result) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new HashSet<string>(), new Stack<string>(), new List<SortedSet<string>>());
        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            onStack.Add(folder);
            foreach (var to in imports[folder].Keys)
            {
                if (!index.ContainsKey(to)) { Visit(to); low[folder] = Math.Min(low[folder], low[to]); }
                else if (onStack.Contains(to)) low[folder] = Math.Min(low[folder], index[to]);
            }
            if (low[folder] != index[folder]) return;
            var component = new SortedSet<string>(StringComparer.Ordinal);
            string member;
            do { member = stack.Pop(); onStack.Remove(member); component.Add(member); } while (member != folder);
            result.Add(component);
        }
        foreach (var folder in imports.Keys) if (!index.ContainsKey(folder)) Visit(folder);
        return result;
    }
}
