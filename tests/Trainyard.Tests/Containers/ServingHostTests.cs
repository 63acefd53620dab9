using System.Xml.Linq;
using Trainyard.Containers;
using Trainyard.Docker;
using Trainyard.Tests.Pipelines;

namespace Trainyard.Tests.Containers;

public sealed class ServingHostTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("trainyard-serving-host-").FullName;

    [Fact]
    public void AConsumingRepositoryGetsTheServingPackageAtTrainyardsOwnVersion()
    {
        // A repository without src/Trainyard.Serving, as one that has Trainyard from NuGet.
        var source = ServingSource.Locate(_root, explicitPath: null);

        Assert.Null(source.Project);
        Assert.Equal(ServingSource.VersionOf(typeof(ServingSource).Assembly), source.PackageVersion);
        Assert.DoesNotContain('+', source.PackageVersion!); // no commit metadata: packages are versioned without it
    }

    [Fact]
    public void ThePackageHostNamesTheServingPackageAtThatVersionAndNoPathToTrainyardsSource()
    {
        var host = Path.Combine(_root, "artifacts", "churn", "containerize", "host");

        var files = ServingHost.Files(ServingSource.FromPackage("1.4.0-beta.2"), host);

        var project = XDocument.Parse(files[ServingHost.ProjectFile]);
        var reference = Assert.Single(project.Descendants("PackageReference"));
        Assert.Equal("Trainyard.Serving", reference.Attribute("Include")?.Value);
        Assert.Equal("[1.4.0-beta.2]", reference.Attribute("Version")?.Value); // exactly that version, not "at least"
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Empty(project.Descendants("Import"));
        Assert.Equal(ServingHost.AssemblyName, project.Descendants("AssemblyName").Single().Value);
        Assert.Contains("Trainyard.Serving.ModelServer.RunAsync(args)", files["Program.cs"]);
        foreach (var (name, text) in files)
        {
            Assert.DoesNotContain(RepositoryRoot.Path, text);
            Assert.DoesNotContain("src/Trainyard", text);
            Assert.False(text.Contains("..", StringComparison.Ordinal), $"{name} has a relative path: {text}");
        }
    }

    [Fact]
    public void TrainyardsOwnRepositoryReferencesTheServerProjectAndImportsItsSettings()
    {
        var own = Path.Combine(_root, "src", "Trainyard.Serving", ServingSource.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(own)!);
        File.WriteAllText(own, "<Project />");
        var host = Path.Combine(_root, "artifacts", "credit-risk", "containerize", "host");

        var source = ServingSource.Locate(_root, explicitPath: null);
        var project = XDocument.Parse(ServingHost.Project(source, host));

        Assert.Equal(own, source.Project);
        Assert.Equal("../../../../src/Trainyard.Serving/Trainyard.Serving.csproj", project.Descendants("ProjectReference").Single().Attribute("Include")?.Value);
        Assert.Equal("../../../../src/Trainyard.Serving/build/Trainyard.Serving.props", project.Descendants("Import").Single().Attribute("Project")?.Value);
        Assert.Empty(project.Descendants("PackageReference"));
    }

    [Fact]
    public async Task WritingTheSameHostAgainLeavesItsFilesUntouched()
    {
        var host = Path.Combine(_root, "host");
        var project = await ServingHost.WriteAsync(ServingSource.FromPackage("1.0.0"), host, CancellationToken.None);
        var written = File.GetLastWriteTimeUtc(project);
        File.SetLastWriteTimeUtc(project, written.AddHours(-1));

        await ServingHost.WriteAsync(ServingSource.FromPackage("1.0.0"), host, CancellationToken.None);
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(project));
        await ServingHost.WriteAsync(ServingSource.FromPackage("1.0.1"), host, CancellationToken.None);
        Assert.Contains("[1.0.1]", File.ReadAllText(project));
        Assert.True(File.Exists(Path.Combine(host, "Directory.Packages.props")));
    }

    [Theory]
    [InlineData("amd64", "linux-x64")]
    [InlineData("arm64", "linux-arm64")]
    public void TheServerIsPublishedForTheBaseImagesArchitecture(string architecture, string runtimeIdentifier) =>
        Assert.Equal(runtimeIdentifier, BaseImagePlatform.RuntimeIdentifier("example.org/base:1", Image("linux", architecture)));

    [Fact]
    public void AnUnsupportedArchitectureNamesItAndTheSupportedOnes()
    {
        var error = Assert.Throws<TrainyardException>(() => BaseImagePlatform.RuntimeIdentifier("example.org/base:s390x", Image("linux", "s390x")));

        Assert.Contains("example.org/base:s390x", error.Message);
        Assert.Contains("'s390x'", error.Message);
        Assert.Contains("linux/amd64, linux/arm64", error.Message);
        Assert.Contains("windows/amd64", Assert.Throws<TrainyardException>(() => BaseImagePlatform.RuntimeIdentifier("w", Image("windows", "amd64"))).Message);
    }

    static ImageDetails Image(string os, string architecture) =>
        new("sha256:0", 0, [], [], new Dictionary<string, string>(), null, [], null) { Os = os, Architecture = architecture };

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
