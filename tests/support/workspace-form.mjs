// The Team workspace form as a user fills it in (by its labels): shared by the e2e tests and the bench.

/** Opens Team workspace and fills in server, folder "team", user, app password and the member's name. */
export async function fillWorkspaceForm(page, origin, user, password, name) {
  await page.getByRole('link', { name: 'Team workspace' }).click();
  await page.getByLabel('Server address').fill(origin);
  await page.getByLabel('Folder').fill('team');
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('App password').fill(password);
  await page.getByLabel('Your name, as the team sees it').fill(name);
}
