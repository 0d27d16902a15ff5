/**
 * @deprecated Use {@link PhrasingClassifier} from './phrasing-classifier.js'. The keyword
 * classifier was replaced by the phrasing index; this name stays so that code written against
 * it (test/engine/support.ts) keeps compiling and runs the classifier the app runs.
 */
export { PhrasingClassifier as KeywordClassifier } from './phrasing-classifier.js';
