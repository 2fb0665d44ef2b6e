/** `data-testid` for props objects (okButtonProps, …) where JSX's data-* shorthand is not available. */
export function testId(id: string): Record<string, string> {
  return { 'data-testid': id };
}
