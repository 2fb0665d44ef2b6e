/** Password rule shared by the server and the forms: at least 10 characters from at least 3 of the 4 classes. */
export function passwordClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export function isStrongPassword(password: string): boolean {
  return password.length >= 10 && password.length <= 128 && passwordClasses(password) >= 3;
}
