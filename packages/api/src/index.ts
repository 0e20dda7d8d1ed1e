// The running state and embedding API arrive with issue #3; this package is a placeholder in the workspace so the layer order is fixed from the start.
export {};
