import { expect, type Locator, type Page } from "@playwright/test";

/** The twelve sections, as a user sees them in the navigation, with their deep links. */
export const SECTIONS = [
  { name: "Dashboard", path: "/", practice: "Measurement and reporting" },
  { name: "Incidents", path: "/incidents", practice: "Incident management" },
  { name: "Requests", path: "/requests", practice: "Service request management" },
  { name: "Problems", path: "/problems", practice: "Problem management" },
  { name: "Changes", path: "/changes", practice: "Change enablement" },
  { name: "Service catalogue", path: "/catalogue", practice: "Service catalogue management" },
  { name: "SLAs", path: "/slas", practice: "Service level management" },
  { name: "Configuration items", path: "/cis", practice: "Service configuration management" },
  { name: "Knowledge", path: "/knowledge", practice: "Knowledge management" },
  { name: "Reports", path: "/reports", practice: "Measurement and reporting" },
  { name: "Training", path: "/training", practice: "Workforce and talent management" },
  { name: "Data", path: "/data", practice: "Information security management" },
] as const;

/** The app as a user meets it: located by roles and accessible names only. */
export class ServiceLab {
  constructor(readonly page: Page) {}

  async open(path = "/") {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }

  get navigation(): Locator {
    return this.page.getByRole("navigation", { name: "Sections" });
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  navLink(name: string): Locator {
    return this.navigation.getByRole("link", { name, exact: true });
  }

  async goTo(name: string) {
    await this.navLink(name).click();
    await expect(this.heading).toHaveText(name);
  }
}
