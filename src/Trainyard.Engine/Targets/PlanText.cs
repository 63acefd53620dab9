using System.Text.Json;
using Spectre.Console;

namespace Trainyard.Targets;

/// <summary>What <c>--plan</c> prints: the order targets would run in and why each is there; JSON for tools.</summary>
internal static class PlanText
{
    public static void Write(BuildOutput output, IReadOnlyList<PlannedTarget> plan, PlanFormat format)
    {
        if (format == PlanFormat.Json)
        {
            var document = new
            {
                targets = plan.Select(p => new
                {
                    name = p.Target.Name,
                    reason = p.Reason,
                    dependencies = p.Target.Dependencies,
                    skipped = p.Skipped,
                }),
            };
            output.Raw(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn(new GridColumn().PadRight(2)).AddColumn();
        for (var i = 0; i < plan.Count; i++)
            grid.AddRow(
                new Text($"{i + 1}."),
                new Text(plan[i].Target.Name),
                new Text(plan[i].Skipped ? $"{plan[i].Reason}; skipped: --skip" : plan[i].Reason));
        UnpaddedGrid.Write(output.Console, grid);
    }
}
