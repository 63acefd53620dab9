namespace Trainyard.Docker;

/// <summary>What to build: the tags to apply and the build options the Engine API's POST /build takes.</summary>
internal sealed record ImageBuild(IReadOnlyList<string> Tags)
{
    public string Dockerfile { get; init; } = "Dockerfile";
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();
    /// <summary>Off by default: nothing can be pulled here, and a pinned local base image must not be replaced.</summary>
    public bool Pull { get; init; }
    public string? NetworkMode { get; init; }
}

internal sealed record ImageDetails(
    string Id,
    long Size,
    IReadOnlyList<string> RepoTags,
    IReadOnlyList<string> RepoDigests,
    IReadOnlyDictionary<string, string> Labels,
    string? User,
    IReadOnlyList<string> Env,
    IReadOnlyList<string>? HealthcheckTest)
{
    /// <summary>The platform the image's binaries are for, as Docker names it: <c>amd64</c>, <c>arm64</c>, …; empty when unknown.</summary>
    public string Architecture { get; init; } = "";
    /// <summary><c>linux</c> or <c>windows</c>; empty when unknown.</summary>
    public string Os { get; init; } = "";
}

/// <summary>A container to create. Host networking by default: the test engine runs without a bridge.</summary>
internal sealed record ContainerSpec(string Image)
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string NetworkMode { get; init; } = "host";
    public bool ReadOnlyRootFilesystem { get; init; }
    /// <summary>Mount point → options, e.g. "/tmp" → "rw,size=64m".</summary>
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();
    /// <summary>"hostPath:containerPath[:ro]".</summary>
    public IReadOnlyList<string> Binds { get; init; } = [];
    public string? User { get; init; }
    public bool AutoRemove { get; init; }
    /// <summary>Memory limit in bytes; null = none.</summary>
    public long? MemoryBytes { get; init; }
    /// <summary>CPU limit in CPUs (1.5 = one and a half); null = none.</summary>
    public double? Cpus { get; init; }
    /// <summary>Docker's restart policy (<c>no</c>, <c>unless-stopped</c>, …); null = the engine's default (no).</summary>
    public string? RestartPolicy { get; init; }
}

internal sealed record ContainerDetails(
    string Id, string Name, string Image, ContainerStatus State, IReadOnlyDictionary<string, string> Labels);

internal sealed record ContainerStatus(string Status, bool Running, int ExitCode, int Pid, string? Health, string? Error)
{
    /// <summary>When it last stopped; null while it never has.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}

internal sealed record ContainerSummary(
    string Id, IReadOnlyList<string> Names, string Image, string State, IReadOnlyDictionary<string, string> Labels);

/// <summary>A file's stat inside a container; <see cref="Mode"/> is Go's os.FileMode (type bits high, permissions low).</summary>
internal sealed record ContainerPathStat(string Name, long Size, long Mode, string? LinkTarget);

/// <summary>Registry credentials for a push: a user name and password, or an identity token.</summary>
internal sealed record RegistryCredentials(string ServerAddress, string? Username, string? Password, string? IdentityToken)
{
    // Never print the password or token, e.g. when a record lands in a log line.
    public override string ToString() => $"RegistryCredentials {{ ServerAddress = {ServerAddress}, Username = {Username} }}";
}
