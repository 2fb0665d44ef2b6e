/** Password rule shared by the server and the forms: at least 10 characters from at least 3 of the 4 classes. */
export function passwordClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export function isStrongPassword(password: string): boolean {
  return password.length >= 10 && password.length <= 128 && passwordClasses(password) >= 3;
}

const U = '(?=[\\s\\S]*[A-Z])';
const L = '(?=[\\s\\S]*[a-z])';
const D = '(?=[\\s\\S]*[0-9])';
const S = '(?=[\\s\\S]*[^A-Za-z0-9])';
/**
 * The same rule as one regular expression, for the OpenAPI document (clients and generated forms can check it):
 * 10–128 characters and one of the four three-class combinations. `isStrongPassword` stays the check the server makes.
 */
export const STRONG_PASSWORD_PATTERN = `^(?=[\\s\\S]{10,128}$)(?:${U}${L}${D}|${U}${L}${S}|${U}${D}${S}|${L}${D}${S})[\\s\\S]*$`;
