// The preview webview's HTML shell and options: VS Code's webview security model — a
// content-security policy that admits only this extension's media folder and the script and
// styles carrying this load's nonce, no remote resources, local resources from dist/media only.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";

export { VIEW_TYPE } from "./view-type";

/** The one folder the webview may load from: the bundled script and stylesheet. */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, "dist", "media");
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [mediaRoot(extensionUri)],
    // Off: the page is redrawn from the server when shown again (state kept with setState).
    retainContextWhenHidden: false,
    enableFindWidget: true,
  };
}

export function shellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, language: string): string {
  const nonce = randomBytes(16).toString("base64");
  const media = mediaRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, "preview.js"));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, "preview.css"));
  // Fonts are the machine's own (CSS local()), never fetched: font-src admits the media folder only.
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}" nonce="${nonce}">
</head>
<body>
<div id="status" hidden></div>
<div id="pages"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
