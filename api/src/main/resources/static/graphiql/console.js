// Starts GraphiQL against this service's /graphql (HTTP) and /graphql (WebSocket, subscriptions).
// In demo mode the person is signed in with a session: every call carries the CSRF token, and the
// bar offers switch user and sign out. In JWT mode the person adds a bearer token in the headers pane.
(function () {
	'use strict';

	function meta(name) {
		var element = document.querySelector('meta[name="' + name + '"]');
		return element ? element.content : '';
	}

	var base = meta('creditdesk-base');
	var session = meta('creditdesk-sign-in') === 'session';
	var headers = {};
	if (session && meta('creditdesk-csrf-header')) {
		headers[meta('creditdesk-csrf-header')] = meta('creditdesk-csrf-token');
	}

	function bar() {
		var element = document.getElementById('creditdesk-bar');
		var spacer = document.createElement('span');
		spacer.className = 'creditdesk-spacer';
		if (!session) {
			var hint = document.createElement('span');
			hint.textContent = 'Add your token in the Headers pane: { "Authorization": "Bearer <token>" }';
			element.append(spacer, hint);
			return;
		}
		var who = document.createElement('span');
		who.id = 'creditdesk-user';
		who.textContent = 'Signed in as ' + meta('creditdesk-user') + ' (' + meta('creditdesk-roles') + ')';
		var switchUser = document.createElement('a');
		switchUser.href = base + '/graphiql/login';
		switchUser.textContent = 'Switch user';
		var signOut = document.createElement('form');
		signOut.method = 'post';
		signOut.action = base + '/graphiql/logout';
		var token = document.createElement('input');
		token.type = 'hidden';
		token.name = meta('creditdesk-csrf-parameter');
		token.value = meta('creditdesk-csrf-token');
		var button = document.createElement('button');
		button.type = 'submit';
		button.id = 'creditdesk-sign-out';
		button.textContent = 'Sign out';
		signOut.append(token, button);
		element.append(spacer, who, switchUser, signOut);
	}

	var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
	var fetcher = GraphiQL.createFetcher({
		url: base + '/graphql',
		subscriptionUrl: scheme + '//' + window.location.host + base + '/graphql',
		headers: headers
	});
	var defaultQuery = '# Run with the play button or Ctrl-Enter.\n'
		+ '# The Docs pane lists every type and field.\n'
		+ '{\n'
		+ '  customers(first: 5) {\n'
		+ '    totalCount\n'
		+ '    edges { node { id name status creditLimit { amount currency } } }\n'
		+ '  }\n'
		+ '}\n';

	bar();
	ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
		fetcher: fetcher,
		defaultQuery: defaultQuery,
		defaultHeaders: session ? undefined : '{ "Authorization": "Bearer " }',
		defaultEditorToolsVisibility: true
	}));
}());
