using Spectre.Console;
using Trainyard.Packaging;
using Trainyard.Registry;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Package: builds the model package from what Evaluate approved and publishes it to the registry as the next
/// version (<c>credit-risk:v3</c>) with the alias <c>candidate</c>. It depends on Evaluate, so it runs only when the
/// gates passed; an unchanged model is not published twice.
/// </summary>
public interface IPackage : IEvaluate
{
    Target Package => _ => _
        .Description("Packages the evaluated model and publishes it to the registry as the next version, aliased candidate")
        .DependsOn(Evaluate)
        .OnlyWhen(IHazTrigger.NothingToRetrain, () => TrainingChainRuns)
        // Its output is in the registry: it is up to date when the registry already holds this model (same content key).
        .UpToDateWhen(PublishedAlreadyAsync, otherwise: "the registry does not hold this model yet")
        .Executes(async cancellationToken =>
        {
            var spec = Spec;
            var package = (await PackageInputs.ReadAsync(spec, Context.RootDirectory, PipelineArtifacts, Context.Environment, cancellationToken)).Pack();
            var (published, location) = await WithRegistryAsync(async registry =>
                (await registry.PublishAsync(package, RegistryUser, cancellationToken), registry.Location));
            var version = published.Version;
            Context.Console.WriteLine(published.Unchanged
                ? $"unchanged: {version.Tag} already holds this model (aliases: {string.Join(", ", version.Aliases)}) in {location}"
                : $"Published {version.Reference} to {location} and made it {AliasName.Candidate}");
            Context.Console.WriteLine($"  {version.DigestReference}");
            Context.Console.WriteLine($"  {version.Reference}");
            if (!published.Unchanged)
                Context.Console.WriteLine($"Promote it with: ./build.sh Promote --pipeline {spec.SourcePath} --version {version.Tag} --alias staging --reason \"…\"");
        });

    /// <summary>Says which version already holds the evaluated model, or null when publishing would do something.</summary>
    internal async Task<string?> PublishedAlreadyAsync(CancellationToken cancellationToken)
    {
        var contentKey = await PackageInputs.ContentKeyAsync(Spec, Context.RootDirectory, PipelineArtifacts, cancellationToken);
        return await WithRegistryAsync(async registry => await registry.FindPublishedAsync(contentKey, cancellationToken) is { } version
            ? $"{version.Tag} already holds this model (aliases: {string.Join(", ", version.Aliases)}) in {registry.Location}"
            : null);
    }
}
