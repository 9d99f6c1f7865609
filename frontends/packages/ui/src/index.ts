export { AnimalCard, SEX_LABEL, SEX_SYMBOL, type AnimalCardData } from "./AnimalCard";
export { Badge, type BadgeTone } from "./Badge";
export { Button, buttonClass, type ButtonProps, type ButtonVariant } from "./Button";
export { cx } from "./cx";
export { Dialog } from "./Dialog";
export {
  CheckboxField,
  controlClass,
  SelectField,
  TextAreaField,
  TextField,
  type CheckboxFieldProps,
  type SelectFieldProps,
  type TextAreaFieldProps,
  type TextFieldProps,
} from "./Field";
export { formatGrams, GrowthChart, growthSummary, niceTicks, type GrowthPoint } from "./GrowthChart";
export { GenotypeList, MorphBadge, morphLabel, sortGenes, type GenotypeState, type MorphGene } from "./MorphBadge";
export { Skeleton, Spinner } from "./Spinner";
export { Card, EmptyState, ErrorState, PageHeader } from "./States";
export { useTheme, type Theme } from "./theme";
export { toast, Toaster } from "./Toaster";
export { PedigreeTree, type PedigreeLinkProps, type PedigreeTreeProps } from "./PedigreeTree";
export {
  buildPedigreeTree,
  generationLabel,
  hasRecordedParents,
  nodeLabel,
  type PedigreeAnimalNode,
  type PedigreeData,
  type PedigreeNodeData,
  type PedigreePrivateNode,
} from "./pedigreeLayout";
