// jsdom leaves out TextEncoder/TextDecoder, which every browser has and react-router uses on import.
import { TextDecoder, TextEncoder } from 'node:util';

Object.assign(globalThis, { TextEncoder, TextDecoder });
