namespace Trainyard.Runtime.Packaging;

/// <summary>
/// The media types of a model package (docs/model-package.md). Following the OCI 1.1 artifact guidance, the
/// manifest names the artifact type and the config blob has a type of its own (not the container image config),
/// so registries and tools can tell a model from an image without fetching anything else.
/// </summary>
internal static class PackageMediaTypes
{
    public const string Artifact = "application/vnd.trainyard.model.v1";
    public const string Config = "application/vnd.trainyard.model.config.v1+json";

    /// <summary>The annotation OCI tools (ORAS, registries' web pages) read a layer's file name from.</summary>
    public const string TitleAnnotation = "org.opencontainers.image.title";

    public const string CreatedAnnotation = "org.opencontainers.image.created";
    public const string RevisionAnnotation = "org.opencontainers.image.revision";

    /// <summary>A file the package format does not know keeps its bytes, typed as opaque.</summary>
    public const string OtherFile = "application/octet-stream";

    static readonly IReadOnlyDictionary<string, string> ByFile = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PackageFiles.Model] = "application/vnd.trainyard.model.xgboost.v1+json",
        [PackageFiles.Featurizer] = "application/vnd.trainyard.featurizer.v1+json",
        [PackageFiles.Signature] = "application/vnd.trainyard.signature.v1+json",
        [PackageFiles.Profile] = "application/vnd.trainyard.profile.v1+json",
        [PackageFiles.Metrics] = "application/vnd.trainyard.metrics.v1+json",
        [PackageFiles.Example] = "application/vnd.trainyard.example.v1+json",
    };

    public static string OfFile(string fileName) => ByFile.GetValueOrDefault(fileName, OtherFile);
}

/// <summary>The files of a model package, by the name each has as a layer title.</summary>
internal static class PackageFiles
{
    /// <summary>The XGBoost model as XGBoost saves it in JSON; the managed scorer reads it.</summary>
    public const string Model = "model.json";
    public const string Featurizer = "featurizer.json";
    /// <summary>The inputs a request must give and the outputs it gets (<see cref="ModelSignature"/>).</summary>
    public const string Signature = "signature.json";
    /// <summary>The training data's profile: the reference for drift at serving time.</summary>
    public const string Profile = "profile.json";
    public const string Metrics = "metrics.json";
    /// <summary>A few test rows with the outputs the model gives for them (<see cref="InputExample"/>).</summary>
    public const string Example = "example.json";

    /// <summary>What a package cannot score without; unpacking refuses a package that lacks one.</summary>
    public static readonly IReadOnlyList<string> Required = [Model, Featurizer, Signature];
}
