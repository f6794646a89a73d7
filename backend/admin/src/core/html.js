// Markup as tagged templates: htm turns them into Preact elements, so there is no JSX build step.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
