/**
 * The stylesheet's part for phones and paper (P16), compiled with the rest in
 * assets.ts (the `govuk` namespace is GOV.UK Frontend's). On a narrow screen:
 * tables read as summary lists (each row a block, each cell under its column's
 * name from `data-label`, see tables.ts), the main menu folds behind its
 * "Menu" toggle, long words and codes wrap instead of widening the page. On
 * paper: only the page's own content, links written out.
 */
export const PHONE_STYLES = `
// ---- the main menu: folded on phones, open (without its toggle) from tablets up ----
.pk-menu__toggle {
  @include govuk.govuk-font($size: 19, $weight: bold);
  display: inline-block;
  margin: govuk.govuk-spacing(2) 0;
  padding: govuk.govuk-spacing(1) 0;
  color: govuk.govuk-functional-colour(link);
  cursor: pointer;
  &:focus {
    @include govuk.govuk-focused-text;
  }
}
// The menu's details element stands where GOV.UK's layout expects the navigation's
// container: give it the container's growth and its gap before the language switcher
// (without it the last menu item and the switcher touch on mid-width screens).
.govuk-service-navigation__inlining-container > .pk-menu {
  flex-grow: 1;
  &:not(:last-child) {
    margin-right: govuk.govuk-spacing(6);
  }
}
@media #{govuk.govuk-from-breakpoint(tablet)} {
  .pk-menu > .pk-menu__toggle {
    display: none;
  }
  .pk-menu::details-content {
    content-visibility: visible;
    display: block;
  }
}

// ---- who is signed in ----
.pk-signed-in {
  border-bottom: 1px solid govuk.govuk-functional-colour(border);
  background: govuk.govuk-functional-colour(surface-background);
}
.pk-signed-in__container {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  column-gap: govuk.govuk-spacing(4);
  padding: govuk.govuk-spacing(2) 0;
}
.pk-signed-in__who {
  margin: 0;
  overflow-wrap: anywhere;
}
.pk-signed-in__idle {
  flex-basis: 100%;
  margin: 0;
  color: govuk.govuk-functional-colour(secondary-text);
}
.pk-idle-warning {
  flex-basis: 100%;
  margin: govuk.govuk-spacing(2) 0;
  padding: govuk.govuk-spacing(3);
  border: 5px solid govuk.govuk-functional-colour(brand);
  background: #ffffff;
}
.pk-signed-in__out {
  @include govuk.govuk-font($size: 16, $weight: bold);
}

// ---- narrow screens: nothing wider than the phone ----
@media #{govuk.govuk-until-breakpoint(tablet)} {
  .govuk-main-wrapper {
    overflow-wrap: anywhere;
  }
  .govuk-table,
  .govuk-table > tbody,
  .govuk-table > tbody > tr,
  .govuk-table > tbody > tr > td,
  .govuk-table > tbody > tr > th {
    display: block;
    width: auto;
  }
  .govuk-table > thead {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
  }
  .govuk-table > tbody > tr {
    padding: govuk.govuk-spacing(2) 0;
    border-bottom: 1px solid govuk.govuk-functional-colour(border);
  }
  .govuk-table > tbody > tr > td,
  .govuk-table > tbody > tr > th {
    padding: govuk.govuk-spacing(1) 0;
    border-bottom: 0;
    text-align: left;
  }
  .govuk-table [data-label]::before {
    content: attr(data-label);
    display: block;
    font-weight: 700;
  }
  .govuk-table [data-label=""]::before {
    content: none;
  }
}

// ---- paper: the page's content only, with its links written out ----
@media print {
  .pk-header,
  .govuk-footer,
  .govuk-skip-link,
  .govuk-breadcrumbs,
  .govuk-back-link,
  .govuk-button,
  .pk-no-print {
    display: none !important;
  }
  .govuk-main-wrapper a[href^="http"]::after {
    content: " (" attr(href) ")";
    overflow-wrap: anywhere;
  }
}
`;
