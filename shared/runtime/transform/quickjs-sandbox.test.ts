import { describe } from 'vitest';
import { createQuickJsSandbox } from './quickjs-sandbox';
import { describeTransformSandbox } from '../../../test/sandbox-test-cases';

describe('the in-process QuickJS sandbox', () => {
  describeTransformSandbox(createQuickJsSandbox);
});
