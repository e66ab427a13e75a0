// Flask's tutorial app, Flaskr, on MicroFlask.
//
//   swift run Flaskr init-db     create the tables in instance/flaskr.sqlite
//   swift run Flaskr             serve it on http://127.0.0.1:5000
import FlaskrApp

let app = try createApp()
try app.run()
