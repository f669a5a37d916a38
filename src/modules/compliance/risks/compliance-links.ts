/**
 * What the risk services use of sibling compliance areas (the assessment's effective answers, the control
 * catalogue). The areas form one module, so services reach them through this one file.
 */
export { loadEffectiveAnswers, type PracticeAnswers } from '../assessment/effective-answers.ts';
export { findControl } from '../controls/catalogue.ts';
