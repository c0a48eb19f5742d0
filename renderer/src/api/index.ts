// Runs in the renderer. What components import: typed calls and hooks, never channels or URLs.
export { call } from './call';
export { useQuery, type QueryOptions, type QueryState } from './use-query';
export { useMutation, type MutationState } from './use-mutation';
export { useEvent } from './use-event';
export { transportKind } from './transport';
