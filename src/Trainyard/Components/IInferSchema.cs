using Spectre.Console;
using Trainyard.Data.Files;
using Trainyard.Data.Profiling;
using Trainyard.Data.Validation;
using Trainyard.Data;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>InferSchema: drafts the pipeline's schema file from its data, for a person to review and commit.</summary>
public interface IInferSchema : IHazPipeline
{
    Target InferSchema => _ => _
        .Description("Writes the pipeline's schema file (types, ranges, categories, null-rate ceilings) from its data, to review and commit")
        .AlwaysRuns("it drafts the schema from the data each time it is asked for, for you to review")
        .Executes(async cancellationToken =>
        {
            var spec = Spec;
            var root = Context.RootDirectory;
            var hint = SchemaInference.LabelHint(spec);
            var scan = await ProfileScan.RunAsync(spec, root, hint is null ? null : new DatasetSchema { Columns = [hint] },
                idColumn: null, ProfileOptions.Default, ScanProgressDisplay.For(Context.Console, DataFiles.Inputs(root, spec.Data.Path).Select(p => RepositoryPath.Full(root, p))), cancellationToken);
            var profile = DataProfile.From(spec.Data.Path, scan.RowCount, scan.Accumulators.Cast<ColumnAccumulator>(), DateTimeOffset.UtcNow);
            var schema = SchemaInference.From(profile, spec);

            var existed = File.Exists(RepositoryPath.Full(root, spec.Schema));
            var header = $"""
                Schema for {spec.SourcePath}, inferred from {spec.Data.Path} ({scan.RowCount:N0} rows) on {DateTime.UtcNow:yyyy-MM-dd}.
                Review it and commit it: ValidateData checks the data against it.
                """;
            await SchemaFile.SaveAsync(RepositoryPath.Full(root, spec.Schema), schema, header, cancellationToken);
            Context.Console.WriteLine($"Wrote {spec.Schema}: {schema.Columns.Count} columns from {scan.RowCount:N0} rows"
                + (existed ? " (it replaced the previous file: review the change with 'git diff')." : "."));
            // The name column is as wide as the longest name, so long names never push a row's type out of line.
            var nameWidth = schema.Columns.Select(c => c.Name.Length).DefaultIfEmpty(0).Max();
            foreach (var column in schema.Columns)
                Context.Console.WriteLine($"  {column.Name.PadRight(nameWidth)} {column.Type.ToString().ToLowerInvariant(),-12} {SchemaSummary(column)}".TrimEnd());
        });

    private static string SchemaSummary(ColumnSchema column) => column.Type switch
    {
        ColumnType.Numeric => $"{Describe.Number(column.Min)} … {Describe.Number(column.Max)}, ≤ {Describe.Share(column.MaxNullRate)} missing",
        ColumnType.Categorical when column.Categories is { } c => $"{c.Count} categories, ≤ {Describe.Share(column.MaxNullRate)} missing",
        _ => $"≤ {Describe.Share(column.MaxNullRate)} missing",
    };
}
