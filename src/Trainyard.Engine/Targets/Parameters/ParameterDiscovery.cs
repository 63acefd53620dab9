using System.Reflection;

namespace Trainyard.Targets.Parameters;

/// <summary>Finds the [Parameter] members of a build class, its base classes and all its interfaces.</summary>
internal static class ParameterDiscovery
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        var found = new List<ParameterMember>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        for (var type = buildType; type is not null && type != typeof(TrainyardBuild); type = type.BaseType)
            foreach (var member in type.GetMembers(Members).OrderBy(m => m.MetadataToken))
                Add(member);
        foreach (var contract in buildType.GetInterfaces().OrderBy(i => i.GetInterfaces().Length).ThenBy(i => i.FullName, StringComparer.Ordinal))
            foreach (var member in contract.GetProperties(Members).OrderBy(m => m.MetadataToken))
                Add(member);
        return found;

        void Add(MemberInfo member)
        {
            var attribute = member.GetCustomAttribute<ParameterAttribute>();
            if (attribute is null) return;
            var valueType = member switch
            {
                FieldInfo field => field.FieldType,
                PropertyInfo property => property.PropertyType,
                _ => null,
            };
            if (valueType is null || !seen.Add(member.Name)) return;
            if (!ParameterValueParser.IsSupported(valueType))
                throw new InvalidOperationException($"Parameter {member.Name} has type {valueType.Name}, which is not supported.");
            found.Add(new ParameterMember(
                member.Name, member, valueType, attribute.Description,
                member.GetCustomAttribute<SecretAttribute>() is not null,
                attribute.EnvironmentVariable ?? ParameterNames.EnvironmentVariable(member.Name)));
        }
    }
}
