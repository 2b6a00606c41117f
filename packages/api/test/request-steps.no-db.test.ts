import type { GraphQLRequestContext, GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import type { RequestContext } from '../src/graphql/context';
import { requestStepsPlugin, type RequestStep } from '../src/graphql/request-steps.plugin';

/**
 * The steps run as one Apollo listener. What the API relies on: every step does its part at a
 * stage even when an earlier one refused the request (a refused request's code checks are still
 * charged), the first refusal in the steps' order is the answer, and nothing is answered before a
 * step that waits has finished.
 */

// The plugin hands the request to the steps and reads nothing of it itself.
const request = {} as GraphQLRequestContext<RequestContext>;
const resolved = request as GraphQLRequestContextDidResolveOperation<RequestContext>;

async function listenerOf(steps: RequestStep[]): Promise<GraphQLRequestListener<RequestContext>> {
  const listener = await requestStepsPlugin(steps).requestDidStart!(request);
  if (!listener) throw new Error('the plugin gave no listener');
  return listener;
}

describe('requestStepsPlugin', () => {
  it('runs every step, waits for the slow one, then throws the first refusal in step order', async () => {
    const done: string[] = [];
    const listener = await listenerOf([
      () => ({
        didResolveOperation() {
          done.push('first');
          throw new Error('first refusal');
        },
      }),
      () => ({
        async didResolveOperation() {
          await new Promise((resolve) => setTimeout(resolve, 20));
          done.push('slow');
          throw new Error('second refusal');
        },
      }),
      () => ({
        didResolveOperation() {
          done.push('last');
        },
      }),
    ]);
    await expect(listener.didResolveOperation!(resolved)).rejects.toThrow('first refusal');
    expect(done).toEqual(['first', 'last', 'slow']);
  });

  it('answers a refusal that only a waiting step makes', async () => {
    const listener = await listenerOf([
      () => ({ didResolveOperation: () => undefined }),
      () => ({ didResolveOperation: () => Promise.reject(new Error('late refusal')) }),
    ]);
    await expect(listener.didResolveOperation!(resolved)).rejects.toThrow('late refusal');
  });

  it('lets the request through when no step refuses, and starts each step once per request', async () => {
    let started = 0;
    const seen: string[] = [];
    const step: RequestStep = () => {
      started++;
      return { willSendResponse: () => void seen.push('answer') };
    };
    const plugin = requestStepsPlugin([step]);
    const first = await plugin.requestDidStart!(request);
    const second = await plugin.requestDidStart!(request);
    await first!.didResolveOperation!(resolved);
    await first!.willSendResponse!(request as never);
    await second!.willSendResponse!(request as never);
    expect({ started, seen }).toEqual({ started: 2, seen: ['answer', 'answer'] });
  });
});
