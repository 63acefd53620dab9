using System.Collections;
using Scriban;
using Scriban.Runtime;

namespace Trainyard.IO;

/// <summary>
/// A Scriban template embedded in this assembly (the report, the PR comment, the Dockerfile). Templates read the
/// model's PascalCase names as C# spells them (<c>{{ Model.Gates }}</c>); <c>present x</c> is false for null, false,
/// an empty string and an empty list, so a section with nothing to show is left out. Every render gets a fresh
/// context, so nothing is shared between builds.
/// </summary>
internal sealed class EmbeddedTemplate
{
    readonly Template _template;

    public EmbeddedTemplate(string resourceName)
    {
        _template = Template.Parse(Text(resourceName), resourceName);
        if (_template.HasErrors)
            throw new InvalidOperationException($"the embedded template {resourceName} does not parse: {string.Join("; ", _template.Messages)}");
    }

    /// <summary>Renders <paramref name="model"/>'s properties as the template's variables.</summary>
    /// <param name="context">Decides how a value is written (the HTML report encodes); plain text when null.</param>
    public string Render(object model, TemplateContext? context = null)
    {
        context ??= new TemplateContext();
        context.MemberRenamer = member => member.Name;
        // A misspelt name is an error rather than an empty string; a long table is not a runaway loop.
        context.StrictVariables = true;
        context.LoopLimit = 0;
        context.LimitToString = 0;
        var globals = new ScriptObject();
        globals.Import(model, renamer: member => member.Name);
        globals.Import("present", new Func<object?, bool>(Present));
        context.PushGlobal(globals);
        return _template.Render(context);
    }

    static bool Present(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        string text => text.Length > 0,
        IEnumerable items => items.GetEnumerator().MoveNext(),
        _ => true,
    };

    /// <summary>An embedded file by its logical name, e.g. <c>Trainyard.Reporting.Templates.report.css</c>.</summary>
    public static string Text(string resourceName)
    {
        var assembly = typeof(EmbeddedTemplate).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"{resourceName} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
