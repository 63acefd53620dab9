using System.Reflection;

namespace Trainyard.Targets.Parameters;

/// <summary>
/// A [Parameter] member of the build. Class members are injected before running; interface members read
/// their value through <see cref="ITrainyardBuild.TryGetValue{T}"/> and only need it resolved.
/// </summary>
internal sealed record ParameterMember(
    string Name,
    MemberInfo Member,
    Type ValueType,
    string Description,
    bool IsSecret,
    string EnvironmentVariable)
{
    public string OptionName => "--" + ParameterNames.Kebab(Name);

    public bool IsInjected => Member.DeclaringType is { IsInterface: false };

    public bool IsFlag => (Nullable.GetUnderlyingType(ValueType) ?? ValueType) == typeof(bool);

    /// <summary>The value the build sees now (for interface members: the getter, with its own default).</summary>
    public object? ReadValue(object build) => Member switch
    {
        FieldInfo field => field.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => null,
    };

    public void Inject(object build, object? value)
    {
        switch (Member)
        {
            case FieldInfo field:
                field.SetValue(build, value);
                break;
            case PropertyInfo { CanWrite: true } property:
                property.SetValue(build, value);
                break;
            case PropertyInfo property:
                // A get-only auto-property: write its compiler-generated backing field.
                var backing = property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
                    ?? throw new InvalidOperationException($"Parameter {Name} is a computed property without a setter; give it a setter or make it a field.");
                backing.SetValue(build, value);
                break;
        }
    }
}
