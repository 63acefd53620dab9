using Trainyard.Targets;

namespace Trainyard.Tests.Targets;

/// <summary>Trainyard's packages are released together; a build mixing two releases stops at start, naming both.</summary>
public sealed class PackageVersionCheck
{
    [Fact]
    public void OneVersionPasses() =>
        PackageVersions.Check([("Trainyard", "0.3.0"), ("Trainyard.Engine", "0.3.0"), ("Trainyard.Runtime", "0.3.0")]);

    [Fact]
    public void TwoVersionsAreAnErrorNamingEachPackagesVersion()
    {
        var error = Assert.Throws<TrainyardException>(() =>
            PackageVersions.Check([("Trainyard", "0.3.0"), ("Trainyard.Engine", "0.3.0"), ("Trainyard.Runtime", "0.4.1")]));

        Assert.Contains("Trainyard 0.3.0", error.Message);
        Assert.Contains("Trainyard.Runtime 0.4.1", error.Message);
        Assert.Contains("build/_build.csproj", error.Message);
    }

    [Fact]
    public void TheBuildsTrainyardAssembliesAreFoundThroughItsComponentsButNotTheBuildItself()
    {
        var names = PackageVersions.Of(typeof(Trainyard.Tests.Components.DataBuild)).Select(v => v.Assembly).ToList();

        Assert.Equal(["Trainyard", "Trainyard.Engine", "Trainyard.Runtime"], names);
    }
}
