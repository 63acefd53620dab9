using System.Xml.Linq;
using Trainyard.Containers;
using Trainyard.Tests.Pipelines;

namespace Trainyard.Tests.Containers;

/// <summary>Where the gateway image's gateway comes from: the package at Trainyard's version, or src/Trainyard.Gateway here.</summary>
public sealed class GatewayHostTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("trainyard-gateway-host-").FullName;

    [Fact]
    public void AConsumingRepositoryGetsTheGatewayPackageAtTrainyardsOwnVersionPinned()
    {
        var source = GatewayHost.Locate(_root);
        var files = GatewayHost.Files(source, Path.Combine(_root, "artifacts", "gateway", "host"));

        Assert.Null(source.Project);
        Assert.Equal(GatewayImage.Tag, source.PackageVersion);
        var project = XDocument.Parse(files[GatewayHost.ProjectFile]);
        var reference = Assert.Single(project.Descendants("PackageReference"));
        Assert.Equal("Trainyard.Gateway", reference.Attribute("Include")?.Value);
        Assert.Equal($"[{GatewayImage.Tag}]", reference.Attribute("Version")?.Value);
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Contains("Trainyard.Gateway.GatewayServer.RunAsync(args)", files["Program.cs"]);
        foreach (var (_, text) in files) Assert.DoesNotContain(RepositoryRoot.Path, text);
    }

    [Fact]
    public void TrainyardsOwnRepositoryReferencesTheGatewayProjectAndImportsItsSettings()
    {
        var source = GatewayHost.Locate(RepositoryRoot.Path);
        var host = Path.Combine(RepositoryRoot.Path, "artifacts", "gateway", "host");
        var project = XDocument.Parse(GatewayHost.Files(source, host)[GatewayHost.ProjectFile]);

        Assert.Equal(RepositoryRoot.File("src/Trainyard.Gateway/Trainyard.Gateway.csproj"), source.Project);
        Assert.Equal("../../../src/Trainyard.Gateway/Trainyard.Gateway.csproj", project.Descendants("ProjectReference").Single().Attribute("Include")?.Value);
        Assert.Equal("../../../src/Trainyard.Gateway/build/Trainyard.Gateway.props", project.Descendants("Import").Single().Attribute("Project")?.Value);
        Assert.Matches("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", GatewayImage.Tag); // a valid Docker tag
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
