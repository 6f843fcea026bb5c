using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MessagingAnalyzers
{
    /// <summary>
    /// One long-lived client per independent endpoint, created in a loop over the endpoints and kept by the type
    /// (Redlock's N masters): <c>foreach (var endpoint in endpoints) _masters.Add(ConnectionMultiplexer.Connect(endpoint));</c>
    /// with a Dispose/Close of the type that disposes them. Each client is shared for the life of its owner, not
    /// created per operation.
    /// </summary>
    internal static class EndpointClients
    {
        /// <summary>
        /// True when <paramref name="created"/> (the client creation, or the await of it) is inside <paramref name="loop"/>,
        /// its arguments use a variable of that loop (one endpoint per iteration), it is stored in a field of
        /// <paramref name="type"/> (added to a field collection, assigned to an element of one, directly, through a
        /// local, or set on a holder object so stored), and a member of the type that disposes or closes reads that field.
        /// </summary>
        public static bool IsHeldPerEndpoint(IOperation created, IInvocationOperation connect, ILoopOperation loop, INamedTypeSymbol? type, Compilation compilation)
        {
            if (type is null || !UsesLoopVariable(connect, loop) || StoringField(created, loop) is not { } field
                || !SymbolEqualityComparer.Default.Equals(field.ContainingType, type))
            {
                return false;
            }

            return IsDisposedByType(field, type, compilation);
        }

        /// <summary>An argument of the creation reads a local declared inside the loop (the iteration variable, the index, a body local).</summary>
        private static bool UsesLoopVariable(IInvocationOperation connect, ILoopOperation loop)
        {
            var span = loop.Syntax.Span;
            foreach (var argument in connect.Arguments)
            {
                foreach (var op in argument.AllDescendantsAndSelf())
                {
                    if (op is ILocalReferenceOperation local
                        && local.Local.DeclaringSyntaxReferences is { Length: > 0 } references
                        && references[0].SyntaxTree == loop.Syntax.SyntaxTree
                        && span.Contains(references[0].Span.Start))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The field the value is stored in, directly or through a local of the loop body, or through a holder object
        /// whose initializer sets it (<c>var link = new Link { Mux = Connect(...) }; _links.Add(link);</c>); null when none.
        /// </summary>
        private static IFieldSymbol? StoringField(IOperation created, ILoopOperation loop, int depth = 0)
        {
            if (FieldStoredIn(created) is { } direct)
            {
                return direct;
            }

            var outer = created.WalkUpConversions();
            if (depth < 2
                && outer.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation or IFieldReferenceOperation, Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation holder } } member
                && member.Value.WalkUpConversions() == outer)
            {
                return StoringField(holder, loop, depth + 1);
            }

            var local = created.GetAssignedLocal();
            if (local is null)
            {
                return null;
            }

            foreach (var op in loop.Body.DescendantsInSameFunction())
            {
                if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && FieldStoredIn(reference) is { } field)
                {
                    return field;
                }
            }

            return null;
        }

        /// <summary><c>_field.Add(value)</c>, <c>_field.TryAdd(key, value)</c>, <c>_field[i] = value</c>.</summary>
        private static IFieldSymbol? FieldStoredIn(IOperation value)
        {
            var outer = value.WalkUpConversions();
            switch (outer.Parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd" or "Push" or "Enqueue" or "Insert", Instance: { } instance } }:
                    return FieldOf(instance);
                case ISimpleAssignmentOperation assignment when assignment.Value.WalkUpConversions() == outer:
                    return assignment.Target switch
                    {
                        IArrayElementReferenceOperation element => FieldOf(element.ArrayReference),
                        IPropertyReferenceOperation { Arguments.Length: > 0, Instance: { } indexed } => FieldOf(indexed),
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        private static IFieldSymbol? FieldOf(IOperation operation) =>
            operation.SkipConversions() is IFieldReferenceOperation reference ? reference.Field : null;

        /// <summary>A member of the type reads the field and disposes or closes something (its elements).</summary>
        private static bool IsDisposedByType(IFieldSymbol field, INamedTypeSymbol type, Compilation compilation)
        {
            foreach (var root in TypeMembers.RootOperations(type, compilation))
            {
                var readsField = false;
                var disposes = false;
                foreach (var op in root.AllDescendants())
                {
                    switch (op)
                    {
                        case IFieldReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Field, field):
                            readsField = true;
                            break;
                        case IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" }:
                            disposes = true;
                            break;
                    }

                    if (readsField && disposes)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
