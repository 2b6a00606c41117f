import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The machines that run these tests are shared and often busy: a page's lazily loaded code can
// take more than the default second to arrive. Waits give it longer; a real failure still fails.
configure({ asyncUtilTimeout: 4_000 });
