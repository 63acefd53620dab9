namespace Trainyard.Runtime.Features;

/// <summary>What a featurizer definition must satisfy before it is used, with messages that say what to fix.</summary>
internal static class FeaturizerValidation
{
    public static void Check(FeaturizerDefinition definition)
    {
        if (definition.Format != FeaturizerDefinition.FormatName)
            throw new ModelFormatException($"featurizer: format is '{definition.Format}', expected '{FeaturizerDefinition.FormatName}'");
        if (definition.Version != FeaturizerDefinition.CurrentVersion)
            throw new ModelFormatException(
                $"featurizer: version {definition.Version} is not supported (this runtime reads version {FeaturizerDefinition.CurrentVersion}); " +
                "use a Trainyard.Runtime as new as the build that wrote it");
        if (definition.Columns is null || definition.Columns.Count == 0)
            throw new ModelFormatException("featurizer: 'columns' is missing or empty; a featurizer needs at least one feature column");

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < definition.Columns.Count; c++)
        {
            var column = definition.Columns[c] ?? throw new ModelFormatException($"featurizer: columns[{c}] is null");
            if (string.IsNullOrEmpty(column.Name)) throw new ModelFormatException($"featurizer: columns[{c}] has no name");
            if (!seen.Add(column.Name)) throw new ModelFormatException($"featurizer: column '{column.Name}' appears twice");
            if (!Enum.IsDefined(column.Encoding))
                throw new ModelFormatException($"featurizer: column '{column.Name}' has an unknown encoding");
            if (column.Encoding == FeatureEncoding.OneHot) CheckCategories(column);
            else if (column.Categories is { Count: > 0 })
                throw new ModelFormatException($"featurizer: column '{column.Name}' is {column.Encoding.ToString().ToLowerInvariant()} but lists categories; only one_hot columns have categories");
        }

        if (definition.Label is { } label)
        {
            if (string.IsNullOrEmpty(label.Name)) throw new ModelFormatException("featurizer: the label has no name");
            if (seen.Contains(label.Name)) throw new ModelFormatException($"featurizer: the label '{label.Name}' is also a feature column; remove it from the columns");
            var classes = label.Classes ?? [];
            if (classes.Count == 1) throw new ModelFormatException($"featurizer: the label '{label.Name}' has a single class; classification needs at least two");
            if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Count)
                throw new ModelFormatException($"featurizer: the label '{label.Name}' lists a class twice");
        }
    }

    private static void CheckCategories(FeatureColumn column)
    {
        if (column.Categories is null || column.Categories.Count == 0)
            throw new ModelFormatException($"featurizer: one_hot column '{column.Name}' has no categories");
        var categories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in column.Categories)
        {
            if (category is null) throw new ModelFormatException($"featurizer: one_hot column '{column.Name}' has a null category");
            if (!categories.Add(category)) throw new ModelFormatException($"featurizer: one_hot column '{column.Name}' lists category '{category}' twice");
        }
    }
}
