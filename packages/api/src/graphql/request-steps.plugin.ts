import type {
  ApolloServerPlugin,
  GraphQLRequestContext,
  GraphQLRequestContextDidEncounterErrors,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextExecutionDidStart,
  GraphQLRequestContextValidationDidStart,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';
import type { RequestContext } from './context';

/**
 * What one step does at each stage of a request. A check refuses the request by throwing; a hook
 * returns a promise only when it has something to wait for.
 */
export interface RequestStepHooks {
  validationDidStart?(request: GraphQLRequestContextValidationDidStart<RequestContext>): void | Promise<void>;
  didResolveOperation?(request: GraphQLRequestContextDidResolveOperation<RequestContext>): void | Promise<void>;
  executionDidStart?(request: GraphQLRequestContextExecutionDidStart<RequestContext>): void | Promise<void>;
  didEncounterErrors?(request: GraphQLRequestContextDidEncounterErrors<RequestContext>): void;
  willSendResponse?(request: GraphQLRequestContextWillSendResponse<RequestContext>): void;
}

/**
 * One thing done around every GraphQL request (a check before anything runs, the log line, a
 * header): called as the request starts, it answers its hooks for that request. A step that keeps
 * nothing per request answers the same hooks every time.
 */
export type RequestStep = (request: GraphQLRequestContext<RequestContext>) => RequestStepHooks;

/**
 * Latchkey's steps as one Apollo plugin. Apollo awaits every plugin's listener at every stage of
 * every request, whether or not it has a hook there: each listener cost some thirty promises a
 * request, and six plugins made the bulk of the promises of a request. One listener runs the steps
 * in order, in plain calls.
 *
 * At each stage every step runs, even after one has refused, and the first refusal in the steps'
 * order is thrown once all have finished: a request refused for one reason still has the code
 * checks it named charged, before the answer goes.
 */
export function requestStepsPlugin(steps: readonly RequestStep[]): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart(request) {
      const hooks = steps.map((step) => step(request));
      const listener: StepsListener = {
        validationDidStart: (r) => runStage(hooks, (h) => h.validationDidStart?.(r)),
        didResolveOperation: (r) => runStage(hooks, (h) => h.didResolveOperation?.(r)),
        executionDidStart: (r) => runStage(hooks, (h) => h.executionDidStart?.(r)),
        didEncounterErrors: (r) => runStage(hooks, (h) => h.didEncounterErrors?.(r)),
        willSendResponse: (r) => runStage(hooks, (h) => h.willSendResponse?.(r)),
      };
      // Apollo awaits whatever a hook answers (through Promise.all), though its types ask for a
      // promise: a stage with nothing to wait for answers nothing, and makes no promise.
      return listener as unknown as GraphQLRequestListener<RequestContext>;
    },
  };
}

/** The plugin's listener: each stage answers a promise only when one of the steps' hooks did. */
type StepsListener = {
  [Stage in keyof RequestStepHooks]-?: (request: Parameters<NonNullable<RequestStepHooks[Stage]>>[0]) => void | Promise<void>;
};

/** Runs one stage of every step; throws the first step's error once every step is done with it. */
function runStage(hooks: readonly RequestStepHooks[], stage: (h: RequestStepHooks) => void | Promise<void>): void | Promise<void> {
  let firstFailure: { index: number; error: unknown } | undefined;
  const failed = (index: number, error: unknown) => {
    if (!firstFailure || index < firstFailure.index) firstFailure = { index, error };
  };
  let waits: Array<Promise<void>> | undefined;
  for (let index = 0; index < hooks.length; index++) {
    try {
      const result = stage(hooks[index]!);
      if (result) (waits ??= []).push(result.catch((error: unknown) => failed(index, error)));
    } catch (error) {
      failed(index, error);
    }
  }
  const settle = () => {
    if (firstFailure) throw firstFailure.error;
  };
  return waits ? Promise.all(waits).then(settle) : settle();
}
