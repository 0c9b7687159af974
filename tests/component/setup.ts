// Component tests: jest-dom style matchers are not used; @testing-library/svelte cleans up
// after each test when `afterEach` is global, which Vitest does not make it: do it here.
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
