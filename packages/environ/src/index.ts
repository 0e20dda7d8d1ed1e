export { ValidationError } from './error.js';
export { BinaryReader } from './binary/binary-reader.js';
export { PrimaryMap } from './util/primary-map.js';
export { assertNever, unreachable } from './util/assert-never.js';
export type { WasmFeatures } from './features/wasm-features.js';
export { WASM2_FEATURES, ALL_SUPPORTED_FEATURES, withFeatures } from './features/wasm-features.js';
export * from './types/val-type.js';
export type * from './types/indices.js';
export type * from './types/core-types.js';
export type { ModuleValidationContext } from './validator/module-context.js';
export type { OperatorContext, MemArg } from './validator/operator-context.js';
export { validateSimdOperator } from './validator/simd-operators.js';
export { validateAtomicOperator } from './validator/atomic-operators.js';
export { translateModule, validateModule, moduleTranslationFromState } from './translate/translate-module.js';
export { readModuleSections, validateFunctionBodies } from './validator/module-validator.js';
export type { ModuleState } from './module/module-state.js';
export type {
  ByteRange,
  CustomSection,
  DataMode,
  DataSegment,
  ElementItems,
  ElementMode,
  ElementSegment,
  EntityIndex,
  EntityType,
  ModuleGlobal,
  ModuleImport,
  ModuleNames,
  ModuleTranslation,
} from './translate/module-translation.js';
export type { ConstExpr, ConstOp } from './validator/const-expr.js';
export { validateFunctionBody, FunctionBodyValidator } from './validator/function-body-validator.js';
export { validateComponent } from './component/validator/validate-component.js';
export type { ComponentValidation } from './component/validator/validate-component.js';
export { ComponentTypeList } from './component/types/component-type-list.js';
export type * from './component/types/component-types.js';
export { flattenFuncType, flattenValType, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, MAX_FLAT_ASYNC_PARAMS } from './component/canonical-abi/flatten.js';
export type { FlattenOptions } from './component/canonical-abi/flatten.js';
export { componentType, describeComponentFuncType, describeComponentType } from './component/introspect/describe-component.js';
export type {
  CaseDescription,
  ComponentDescription,
  CoreItemDescription,
  ExternDescription,
  FuncDescription,
  ItemDescription,
  NamedValTypeDescription,
  ValTypeDescription,
} from './component/introspect/component-description.js';
export type { ExternNameParts } from './component/introspect/extern-name-parts.js';
export { componentWit } from './component/wit/print-wit.js';
export type { CoreExternDescription } from './introspect/core-extern-description.js';
export { describeModule, printModuleDescription } from './introspect/module-description.js';
export type { ModuleDescription, ModuleExportDescription, ModuleImportDescription } from './introspect/module-description.js';
export { translateComponent, translateComponentSections, componentTranslationFromSections } from './component/translate/translate-component.js';
export type { ComponentSections } from './component/translate/translate-component.js';
export { readNestedModuleSections, validateNestedFunctionBodies, validateAllNestedFunctionBodies } from './component/validator/nested-module.js';
export type { NestedModuleBodies } from './component/validator/nested-module.js';
export type {
  AdapterIndex,
  AlwaysTrapIndex,
  CanonicalOptions,
  ComponentImport,
  ComponentInfo,
  ComponentTranslation,
  CoreDef,
  CoreExport,
  Export,
  GlobalInitializer,
  ImportIndex,
  InstantiateModule,
  LoweredIndex,
  ResourceDef,
  RuntimeCallbackIndex,
  RuntimeComponentInstanceIndex,
  RuntimeImport,
  RuntimeImportIndex,
  RuntimeInstanceIndex,
  RuntimeMemoryIndex,
  RuntimePostReturnIndex,
  RuntimeReallocIndex,
  RuntimeResourceIndex,
  StaticModuleIndex,
  StringEncoding,
  Trampoline,
  TrampolineIndex,
  Transcode,
  TranscoderIndex,
} from './component/translate/component-info.js';
export type { CanonBuiltin } from './component/translate/local-initializer.js';
export { containsPointers } from './component/canonical-abi/flatten.js';
export { alignTo, discriminantSize, valTypeLayout } from './component/canonical-abi/layout.js';
export type { Layout } from './component/canonical-abi/layout.js';
export { valueTypeParts } from './component/types/value-type-parts.js';
