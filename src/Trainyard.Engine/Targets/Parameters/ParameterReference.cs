using System.Linq.Expressions;

namespace Trainyard.Targets.Parameters;

/// <summary>Reads the member out of <c>() => Pipeline</c>, so parameters are named by code, not by strings.</summary>
internal static class ParameterReference
{
    public static string MemberName(LambdaExpression expression)
    {
        var body = expression.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
            body = convert.Operand;
        return body is MemberExpression member
            ? member.Member.Name
            : throw new InvalidOperationException($"Expected a parameter member like () => Pipeline, got {expression}.");
    }
}
