/**
 * What an artifact holds: a precompiled core module (`Module.deserialize`) or a component
 * (`Component.deserialize`). Stored in the header so that loading one as the other fails
 * before anything is decoded.
 */
export type ArtifactKind = 'module' | 'component';
