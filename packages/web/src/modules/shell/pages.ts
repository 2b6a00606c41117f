// The signed-in frame (menu, recovery banner, 2FA prompt): loaded once a session is known, so the
// sign-in page does not carry it. The pages inside it render in the same commit as the frame, so
// the prompt and the arriving page's heading agree on where the focus goes.
export { Shell } from './Shell';
