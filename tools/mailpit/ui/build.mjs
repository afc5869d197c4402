// The web inbox bundle of Mailpit (server/ui/dist/app.js and app.css), built
// the way Mailpit's own esbuild.config.mjs builds it, minus the API docs
// page (docs.js): its one dependency, rapidoc 12, is not served by the npm
// registry this project reaches. Run from the root of Mailpit's sources by
// scripts/build-mailpit.sh.
import * as esbuild from "esbuild";
import pluginVue from "esbuild-plugin-vue-next";
import { sassPlugin } from "esbuild-sass-plugin";

await esbuild.build({
	entryPoints: ["server/ui-src/app.js"],
	bundle: true,
	minify: true,
	sourcemap: false,
	define: {
		__VUE_OPTIONS_API__: "true",
		__VUE_PROD_DEVTOOLS__: "false",
		__VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
	},
	outdir: "server/ui/dist/",
	plugins: [pluginVue(), sassPlugin({ silenceDeprecations: ["import"], quietDeps: true })],
	loader: { ".svg": "file", ".woff": "file", ".woff2": "file" },
	logLevel: "warning",
});
