/**
 * What a Slack-compatible incoming webhook takes: `{"text": …}`. Slack reads `&`, `<` and `>` as markup (links,
 * mentions), so they are escaped as its documentation asks; a service name or a reason with "<" then arrives as typed.
 */
export function slackPayload(text: string): { text: string } {
  return { text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') }
}
