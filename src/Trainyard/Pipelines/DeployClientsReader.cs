using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Trainyard.Pipelines;

/// <summary>Reads <c>deploy.clients</c>: the callers with keys, each a mapping <c>{name: claims-app}</c>.</summary>
internal static partial class DeployClientsReader
{
    public static IReadOnlyList<DeployClient> Read(YamlSection section)
    {
        if (section.Node("clients") is not { } node) return [];
        if (node is not YamlSequenceNode list)
            throw section.Error("clients", $"'clients' expects a list such as [{{name: claims-app}}], got {YamlSection.Kind(node)}");
        var clients = new List<DeployClient>();
        foreach (var item in list.Children)
        {
            var at = YamlSection.LocationOf(section.File, item);
            if (item is not YamlMappingNode)
                throw new TrainyardException($"each of 'clients' is a mapping such as {{name: claims-app}}, got {YamlSection.Kind(item)}", at);
            var client = YamlSection.Of(item, section.File, $"{section.Name}.clients", ["name"]);
            var name = client.RequiredText("name", "the caller's name, e.g. name: claims-app (its key comes from TRAINYARD_CLIENT_CLAIMS_APP_KEY)");
            if (!ClientNamePattern().IsMatch(name))
                throw client.Error("name", $"a client's name may hold only lower-case letters, digits and single '-' between them (it names the secret TRAINYARD_CLIENT_<NAME>_KEY), got '{name}'");
            if (clients.Any(c => c.Name == name))
                throw client.Error("name", $"client '{name}' is listed twice; keep one");
            clients.Add(new DeployClient(name));
        }
        return clients.AsReadOnly();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ClientNamePattern();
}
